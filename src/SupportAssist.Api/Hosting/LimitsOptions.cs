using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Api.Hosting;

/// <summary>Rate and size limits, and the request fields' limits no other concern owns. Bound from <c>SupportAssist:Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "SupportAssist:Limits";

    /// <summary>Rate limits on (the default); off only for benchmarks and tests that need many requests.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Addresses (or CIDR networks) of the reverse proxies in front of the service: only their
    /// <c>X-Forwarded-For</c> is believed. Empty: the connection's address is the client, whatever the headers say.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    [Required]
    public ClassLimits Public { get; set; } = new() { PermitLimit = 60, MaxBodyBytes = 64 * 1024 };

    [Required]
    public ClassLimits Search { get; set; } = new() { PermitLimit = 300, MaxBodyBytes = 64 * 1024 };

    [Required]
    public ClassLimits Agent { get; set; } = new() { PermitLimit = 600, MaxBodyBytes = 4 * 1024 * 1024 };

    [Required]
    public ClassLimits Admin { get; set; } = new() { PermitLimit = 600, MaxBodyBytes = 8 * 1024 * 1024 };

    /// <summary>The NDJSON import's body limit (an admin endpoint with a larger body).</summary>
    [Range(1024, 1L << 31)]
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Wrong API keys per client per window before the client is refused (429) until the window ends.</summary>
    [Required]
    public ClassLimits FailedKeys { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>The longest feedback comment (on a deflection or a draft), in characters.</summary>
    [Range(1, 100_000)]
    public int MaxCommentChars { get; set; } = 2000;

    /// <summary>The longest subject of a case from the contact form, in characters.</summary>
    [Range(16, 2000)]
    public int MaxCaseSubjectChars { get; set; } = 300;

    /// <summary>The longest message of a case from the contact form, in characters.</summary>
    [Range(100, 100_000)]
    public int MaxCaseMessageChars { get; set; } = 10_000;

    /// <summary>The most deflections a new case may say the customer saw.</summary>
    [Range(1, 100)]
    public int MaxCaseDeflections { get; set; } = 10;

    /// <summary>The largest page of cases an agent may ask for.</summary>
    [Range(1, 1000)]
    public int MaxCasePage { get; set; } = 100;

    /// <summary>The largest page of the audit trail an admin may ask for.</summary>
    [Range(1, 10_000)]
    public int MaxAuditPage { get; set; } = 500;

    internal ClassLimits For(EndpointClass endpointClass) => endpointClass switch
    {
        EndpointClass.Public => Public,
        EndpointClass.Search => Search,
        EndpointClass.Agent => Agent,
        _ => Admin,
    };
}
