namespace SupportAssist.Api.Hosting;

/// <summary>One API key: its name (what logs, outcomes and the audit trail show), the key itself, and what it may do.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>1-64 letters, digits, '-', '_' or '.'; unique.</summary>
    public string? Name { get; set; }

    /// <summary>At least 16 characters; unique.</summary>
    public string? Key { get; set; }

    /// <summary>Any of <c>agent</c>, <c>admin</c>, <c>public-search</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];
}
