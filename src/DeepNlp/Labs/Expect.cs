using System.Globalization;

namespace DeepNlp.Labs;

/// <summary>Assertions for lab tests: each throws <see cref="ExpectationFailedException"/> with a message a student can act on.</summary>
/// <remarks>
/// Numbers are compared with a mixed tolerance: |actual - expected| ≤ tol · max(1, |expected|), so the same tolerance
/// works for losses near 1 and for large counts. Arrays are compared element by element and the first bad index is named.
/// Used by the test cells of the labs in <c>notebooks/labs/</c>.
/// </remarks>
public static class Expect
{
    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The claim being checked.</param>
    /// <param name="message">Shown to the student when the claim is false.</param>
    /// <exception cref="ExpectationFailedException">The condition is false.</exception>
    public static void True(bool condition, string message)
    {
        if (!condition) throw new ExpectationFailedException(message);
    }

    /// <summary>Fails unless two values are equal by <see cref="EqualityComparer{T}.Default"/>.</summary>
    /// <param name="actual">The value the student's code produced.</param>
    /// <param name="expected">The correct value.</param>
    /// <param name="what">What the value is, for the message (e.g. "count of 'the'").</param>
    /// <exception cref="ExpectationFailedException">The values differ.</exception>
    public static void Equal<T>(T actual, T expected, string what = "value")
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
            throw new ExpectationFailedException($"{what}: expected {expected}, got {actual}");
    }

    /// <summary>Fails unless <paramref name="actual"/> is within tolerance of <paramref name="expected"/>.</summary>
    /// <param name="actual">The value the student's code produced.</param>
    /// <param name="expected">The correct value.</param>
    /// <param name="tol">Relative tolerance (absolute below magnitude 1).</param>
    /// <param name="what">What the value is, for the message.</param>
    /// <exception cref="ExpectationFailedException">The value is off, NaN or infinite.</exception>
    public static void Close(double actual, double expected, double tol = 1e-6, string what = "value")
    {
        if (!IsClose(actual, expected, tol))
            throw new ExpectationFailedException($"{what}: expected {Format(expected)}, got {Format(actual)} (tolerance {tol:g2})");
    }

    /// <summary>Fails unless two arrays have the same length and every element is within tolerance.</summary>
    /// <param name="actual">The array the student's code produced.</param>
    /// <param name="expected">The correct array.</param>
    /// <param name="tol">Relative tolerance per element.</param>
    /// <param name="what">What the array is, for the message.</param>
    /// <exception cref="ExpectationFailedException">The array is null, has the wrong length, or an element is off.</exception>
    public static void Close(double[]? actual, double[] expected, double tol = 1e-6, string what = "array")
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null) throw new ExpectationFailedException($"{what}: expected {expected.Length} numbers, got null");
        if (actual.Length != expected.Length)
            throw new ExpectationFailedException($"{what}: expected length {expected.Length}, got {actual.Length}");
        for (int i = 0; i < actual.Length; i++)
        {
            if (!IsClose(actual[i], expected[i], tol))
                throw new ExpectationFailedException(
                    $"{what}[{i}]: expected {Format(expected[i])}, got {Format(actual[i])} (tolerance {tol:g2})");
        }
    }

    /// <summary>Fails unless two float arrays have the same length and every element is within tolerance.</summary>
    /// <param name="actual">The array the student's code produced.</param>
    /// <param name="expected">The correct array.</param>
    /// <param name="tol">Relative tolerance per element.</param>
    /// <param name="what">What the array is, for the message.</param>
    /// <exception cref="ExpectationFailedException">The array is null, has the wrong length, or an element is off.</exception>
    public static void Close(float[]? actual, float[] expected, double tol = 1e-5, string what = "array")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Close(actual is null ? null : Array.ConvertAll(actual, v => (double)v), Array.ConvertAll(expected, v => (double)v), tol, what);
    }

    /// <summary>Fails unless an analytic gradient agrees with central finite differences of <paramref name="f"/>.</summary>
    /// <param name="f">A scalar function of the parameters; it must not keep state between calls.</param>
    /// <param name="x">The point; it is perturbed in place and restored.</param>
    /// <param name="gradient">The analytic gradient at <paramref name="x"/>, same length.</param>
    /// <param name="tol">Largest accepted relative error |a - n| / max(1e-8, |a| + |n|).</param>
    /// <param name="h">Finite-difference step.</param>
    /// <param name="what">What the gradient is, for the message.</param>
    /// <exception cref="ExpectationFailedException">A component disagrees, the lengths differ, or every finite difference
    /// is zero (a function that does not change around x, such as an unfinished stub, would agree with a zero gradient and
    /// prove nothing).</exception>
    /// <remarks>Numerical derivative (f(x + h e_i) - f(x - h e_i)) / 2h, in float64 as the developers' guide asks.</remarks>
    public static void GradientMatches(Func<double[], double> f, double[] x, double[]? gradient, double tol = 1e-5,
        double h = 1e-5, string what = "gradient")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        if (gradient is null) throw new ExpectationFailedException($"{what}: got null");
        if (gradient.Length != x.Length)
            throw new ExpectationFailedException($"{what}: expected length {x.Length}, got {gradient.Length}");
        double largest = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double saved = x[i];
            x[i] = saved + h;
            double plus = f(x);
            x[i] = saved - h;
            double minus = f(x);
            x[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            largest = Math.Max(largest, Math.Abs(numeric));
            double error = Math.Abs(gradient[i] - numeric) / Math.Max(1e-8, Math.Abs(gradient[i]) + Math.Abs(numeric));
            if (!(error <= tol))
                throw new ExpectationFailedException(
                    $"{what}[{i}]: analytic {Format(gradient[i])}, finite differences {Format(numeric)} (relative error {error:g2} > {tol:g2})");
        }
        if (x.Length > 0 && largest == 0)
            throw new ExpectationFailedException(
                $"{what}: the function does not change around x (every finite difference is 0), so a zero gradient agrees and proves nothing; is it implemented?");
    }

    /// <summary>Fails unless <paramref name="action"/> throws an exception of type <typeparamref name="TException"/>.</summary>
    /// <param name="action">Code that should reject its input.</param>
    /// <param name="what">What is being rejected, for the message.</param>
    /// <exception cref="ExpectationFailedException">Nothing was thrown, or another exception type was.</exception>
    public static void Throws<TException>(Action action, string what = "call") where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (TException)
        {
            return;
        }
        catch (Exception e)
        {
            throw new ExpectationFailedException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new ExpectationFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }

    private static bool IsClose(double actual, double expected, double tol) =>
        double.IsFinite(actual) && Math.Abs(actual - expected) <= tol * Math.Max(1.0, Math.Abs(expected));

    private static string Format(double v) => v.ToString("g8", CultureInfo.InvariantCulture);
}
