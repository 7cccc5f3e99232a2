using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepNlp.Grading.Running;

/// <summary>Writes an enum of the grading logs as the word its member's <see cref="JsonStringEnumMemberNameAttribute"/>
/// gives (else the member's name), and reads those words back.</summary>
/// <remarks>System.Text.Json's own enum converter refuses an empty name, and the logs have always written an empty
/// string for "no kind" and "no status", so the grader carries this small converter to keep the format.</remarks>
internal sealed class LogWordConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> Words = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static readonly Dictionary<string, T> Values = Words.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var word = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected a string for {typeof(T).Name}");
        return Values.TryGetValue(word, out var value) ? value : throw new JsonException($"'{word}' is not a {typeof(T).Name}");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Words[value]);
}
