namespace SupportAssist.Api;

/// <summary>The pages' text: <c>Resources/UiText.resx</c> (English) and <c>UiText.es.resx</c> (Spanish).</summary>
public sealed class UiText;
