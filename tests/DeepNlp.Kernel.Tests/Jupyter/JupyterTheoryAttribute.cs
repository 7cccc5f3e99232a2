namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>A theory that needs python3 with Jupyter's packages; skipped, saying what to install, when there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (CourseCli.Python is null) Skip = CourseCli.MissingPython;
    }
}
