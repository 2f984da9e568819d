using SupportAssist.Retrieval;

namespace SupportAssist.Api.Suggestions;

/// <summary>What the contact form's typing must be to get suggestions; limits from <see cref="RetrievalOptions"/>.</summary>
public sealed class SuggestionRequestRules(IOptions<RetrievalOptions> retrieval)
{
    public FieldErrors Check(string? q, string? locale)
    {
        var errors = new FieldErrors();
        errors.RequiredText("q", q, retrieval.Value.MaxQueryChars);
        errors.Locale("locale", locale);
        return errors;
    }
}
