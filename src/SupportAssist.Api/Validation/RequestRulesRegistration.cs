using SupportAssist.Api.Audit;
using SupportAssist.Api.Cases;
using SupportAssist.Api.Deflections;
using SupportAssist.Api.Drafts;
using SupportAssist.Api.Search;
using SupportAssist.Api.Suggestions;
using SupportAssist.Api.Triage;

namespace SupportAssist.Api.Validation;

/// <summary>
/// Every resource's request rules: one class each, built on <see cref="FieldErrors"/>, reading their limits from options
/// (the articles' rules are static: their limits are <see cref="Knowledge.ArticleRules"/>', shared with folder ingestion).
/// </summary>
internal static class RequestRulesRegistration
{
    public static void AddRequestRules(this WebApplicationBuilder builder)
    {
        // Singletons: they hold only IOptions, read on every check.
        builder.Services.AddSingleton<DeflectionRequestRules>();
        builder.Services.AddSingleton<DraftRequestRules>();
        builder.Services.AddSingleton<TriageRequestRules>();
        builder.Services.AddSingleton<CaseRequestRules>();
        builder.Services.AddSingleton<SearchRequestRules>();
        builder.Services.AddSingleton<SuggestionRequestRules>();
        builder.Services.AddSingleton<AuditRequestRules>();
    }
}
