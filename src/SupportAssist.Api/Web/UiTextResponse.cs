namespace SupportAssist.Api.Web;

/// <summary>The language served and its strings by name.</summary>
public sealed record UiTextResponse(string Locale, IReadOnlyDictionary<string, string> Text);
