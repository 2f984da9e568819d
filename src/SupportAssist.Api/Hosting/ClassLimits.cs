using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Api.Hosting;

/// <summary>One endpoint class's limits: requests per window per client, and the largest body.</summary>
public sealed class ClassLimits
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
