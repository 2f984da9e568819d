using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAssist.Api.Validation;

/// <summary>
/// The errors found in one request, by field (a JSON path such as <c>customer.name</c> or <c>thread[0].text</c>), and
/// the rules every endpoint checks its fields with: each rule has one message, written here and nowhere else. The first
/// error for a field stands, so a field gets one message. Limits are passed in by the resource's rules, from options.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The errors as the problem's <c>errors</c> dictionary (and the contact page's).</summary>
    public Dictionary<string, string[]> ToDictionary() => new(_errors, StringComparer.Ordinal);

    /// <summary>The message for <paramref name="field"/>, or null when it broke no rule (for pages, which show one line).</summary>
    public string? Message(string field) => _errors.TryGetValue(field, out var messages) ? messages[0] : null;

    /// <summary>400 problem+json naming every field with its message.</summary>
    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(_errors);

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/> unless the field already has one.</summary>
    public void Add(string field, string message) => _errors.TryAdd(field, [message]);

    /// <summary>The body is missing (JSON <c>null</c>); <paramref name="needs"/> names the fields it must have.</summary>
    public void MissingBody(string needs) => Add("body", $"is required: a JSON object with at least {needs}");

    /// <summary>An NDJSON body that stops being UTF-8 at about <paramref name="line"/>.</summary>
    public void NotUtf8(string field, int line) => Add(field, $"is not valid UTF-8 (at or near line {line}); nothing was imported");

    /// <summary>An NDJSON body without a single line.</summary>
    public void NoLines(string field) => Add(field, "contains no NDJSON line; send one JSON article object per line");

    /// <summary>Text that must be there (not blank) and at most <paramref name="maxChars"/> long.</summary>
    public void RequiredText(string field, string? value, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required and must contain text");
        else MaxChars(field, value, maxChars);
    }

    /// <summary>Optional text at most <paramref name="maxChars"/> long.</summary>
    public void MaxChars(string field, string? value, int maxChars)
    {
        if (value is not null && value.Length > maxChars) Add(field, $"must be at most {maxChars} characters (got {value.Length})");
    }

    /// <summary>An optional list of at most <paramref name="maxCount"/> items, each a <paramref name="what"/>.</summary>
    public void MaxCount<T>(string field, IReadOnlyCollection<T>? values, int maxCount, string what)
    {
        if (values is not null && values.Count > maxCount) Add(field, $"must have at most {maxCount} {what} (got {values.Count})");
    }

    /// <summary>A required value that must be there (such as an id), with what it is for.</summary>
    public void Required<T>(string field, T? value, string purpose) where T : struct
    {
        if (value is null) Add(field, $"is required: {purpose}");
    }

    public void Locale(string field, string? value)
    {
        if (value is not null && !ArticleRules.IsValidLocale(value)) Add(field, "must be a language tag such as 'en' or 'es-MX'");
    }

    public void ProductArea(string field, string? value)
    {
        if (value is not null && !ArticleRules.IsValidId(value)) Add(field, "must be a product area slug such as 'refunds'");
    }

    public void Plan(string field, string? value)
    {
        if (value is not null && !PlanPattern().IsMatch(value)) Add(field, "must be 1-64 letters, digits, '-' or '_'");
    }

    public void Country(string field, string? value)
    {
        if (value is not null && !CountryPattern().IsMatch(value)) Add(field, "must be an ISO 3166-1 alpha-2 code such as 'DE'");
    }

    /// <summary>A person's name as sent: 1-100 characters once trimmed, none of them control characters.</summary>
    public void PersonName(string field, string? value)
    {
        if (value is not null && (value.Trim().Length is 0 or > 100 || value.Any(char.IsControl)))
            Add(field, "must be 1-100 characters without control characters");
    }

    /// <summary>An optional opaque token stored as sent, so it cannot carry an email address or a name.</summary>
    public void Token(string field, string? value)
    {
        if (value is not null && (value.Length is 0 or > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
            Add(field, "must be an opaque token of 1-128 letters, digits, '-', '_', '.' or ':'");
    }

    /// <summary>One of <paramref name="allowed"/> exactly; null passes unless <paramref name="required"/>.</summary>
    public bool OneOf(string field, string? value, IReadOnlyList<string> allowed, bool required = false)
    {
        if (value is null ? !required : allowed.Contains(value, StringComparer.Ordinal)) return true;
        Expected(field, allowed);
        return false;
    }

    /// <summary>The field's value is none of <paramref name="allowed"/> (for values parsed elsewhere).</summary>
    public void Expected(string field, IReadOnlyList<string> allowed) => Add(field, $"must be {Alternatives(allowed)}");

    /// <summary>A required email address: where someone is answered (<paramref name="purpose"/>).</summary>
    public void Email(string field, string? value, string purpose)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"is required: {purpose}");
        else if (!IsEmail(value.Trim())) Add(field, "must be an email address such as name@example.com");
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>The value of <typeparamref name="TEnum"/> named <paramref name="value"/> (its wire name), or the error listing the names.</summary>
    public TEnum? Named<TEnum>(string field, string? value, bool required = true) where TEnum : struct, Enum
    {
        if (EnumNames.TryParse<TEnum>(value, out var parsed)) return parsed;
        OneOf(field, value, EnumNames.All<TEnum>(), required);
        return null;
    }

    /// <summary>An optional whole number (from a query string) from <paramref name="min"/> to <paramref name="max"/>; <paramref name="otherwise"/> when absent or wrong.</summary>
    public int WholeNumber(string field, string? value, int min, int max, int otherwise)
    {
        if (value is null) return otherwise;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        OutOfRange(field, min, max);
        return otherwise;
    }

    /// <summary>An optional number (from a JSON body) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public void Range(string field, int? value, int min, int max)
    {
        if (value is { } number && (number < min || number > max)) OutOfRange(field, min, max);
    }

    private void OutOfRange(string field, int min, int max) => Add(field, $"must be a whole number from {min} to {max}");

    // 'a', 'b' or 'c'
    private static string Alternatives(IReadOnlyList<string> allowed) => allowed.Count == 1
        ? $"'{allowed[0]}'"
        : string.Join(", ", allowed.Take(allowed.Count - 1).Select(a => $"'{a}'")) + $" or '{allowed[^1]}'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PlanPattern();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryPattern();
}
