namespace SupportAssist.Api.Hosting;

/// <summary>The scopes a key can hold.</summary>
internal static class Scopes
{
    /// <summary>Search with internal articles, drafts, triage, draft feedback.</summary>
    public const string Agent = "agent";

    /// <summary>Articles (put, get, delete, import) and the audit trail.</summary>
    public const string Admin = "admin";

    /// <summary>Public search only: for help-site widgets, whose key a visitor's browser can read.</summary>
    public const string PublicSearch = "public-search";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Agent, Admin, PublicSearch], StringComparer.Ordinal);
}
