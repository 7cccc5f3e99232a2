namespace DeepNlp.Data;

/// <summary>The list a name comes from in the Kantrowitz corpus.</summary>
public enum Gender
{
    /// <summary>From <c>female.txt</c>.</summary>
    Female,

    /// <summary>From <c>male.txt</c>.</summary>
    Male,
}
