namespace DeepNlp.Engine.Packages;

/// <summary>A <c>#r "nuget:"</c> restore failed or conflicts with a package already loaded.</summary>
internal sealed class PackageRestoreException(string message) : Exception(message);
