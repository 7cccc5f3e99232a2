using System.Runtime.Intrinsics;

namespace DeepNlp.Kernels;

/// <summary>Whether the float32 kernels take their portable (Vector128 / scalar) twins instead of the 256/512-bit bodies.</summary>
/// <remarks>
/// On .NET WebAssembly <see cref="Vector256.IsHardwareAccelerated"/> is false and every <c>Vector256</c> operation, FMA
/// included, is emulated lane by lane (the LSTM forward ran about 1000× slower than native); <see cref="Vector128"/>
/// maps onto WASM SIMD there. Each entry point that has a wide body checks <see cref="Enabled"/> (a read-only static
/// the JIT folds) at its top and hands the call to its <c>*.Portable.cs</c> twin. A native machine takes the portable
/// path everywhere with the environment variable <c>DEEPNLP_PORTABLE_KERNELS=1</c> (read once, at first use), and the kernel tests call the
/// portable twins directly to compare them with the native bodies in the same process.
/// </remarks>
internal static class Portable
{
    /// <summary>True when 256-bit vectors are not hardware-accelerated (the browser) or the environment forces it.</summary>
    public static readonly bool Enabled =
        !Vector256.IsHardwareAccelerated || Environment.GetEnvironmentVariable("DEEPNLP_PORTABLE_KERNELS") == "1";
}
