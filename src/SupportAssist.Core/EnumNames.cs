using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAssist;

/// <summary>
/// The name an enum value is written and stored under: its <see cref="JsonStringEnumMemberNameAttribute"/>, else its
/// C# name in snake_case. It is the rule the API's one <see cref="JsonStringEnumConverter"/> applies, so a value's
/// stored name (an outcome's decision, a triage's kinds of personal data) and its name on the wire are one name.
/// </summary>
public static class EnumNames
{
    /// <summary>The naming policy for members without an explicit name; the API's converter uses the same one.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.SnakeCaseLower;

    /// <summary>The name of <paramref name="value"/>, such as <c>suggest_articles</c> or <c>card_number</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a named {typeof(TEnum).Name}");

    /// <summary>The value named exactly <paramref name="name"/> (ordinal: the wire is case-sensitive), if any.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Names<TEnum>.ByName.TryGetValue(name, out value);
    }

    /// <summary>Every name of <typeparamref name="TEnum"/>, in the order of the values.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.InOrder;

    // Read once per enum type: the attributes never change at run time. In the order of the values, as declared.
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder = Enum.GetValues<TEnum>().Select(NameOf).ToList();

        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, NameOf);

        public static readonly FrozenDictionary<string, TEnum> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        private static string NameOf(TEnum value)
        {
            var name = Enum.GetName(value)!;
            return typeof(TEnum).GetField(name)!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? Policy.ConvertName(name);
        }
    }
}
