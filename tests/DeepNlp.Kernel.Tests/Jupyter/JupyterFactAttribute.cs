namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>A fact that needs python3 with Jupyter's packages; skipped, saying what to install, when there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (CourseCli.Python is null) Skip = CourseCli.MissingPython;
    }
}
