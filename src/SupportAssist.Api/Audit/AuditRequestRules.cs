using System.Globalization;

namespace SupportAssist.Api.Audit;

/// <summary>What a read of the audit trail must ask for; the largest page from <see cref="LimitsOptions"/>.</summary>
public sealed class AuditRequestRules(IOptions<LimitsOptions> limits)
{
    /// <summary>A page when the request names no size.</summary>
    public const int DefaultPage = 50;

    /// <summary>The page size and where the page starts (before that sequence number), and the errors.</summary>
    public (int Limit, long? Before, FieldErrors Errors) Check(string? limit, string? before)
    {
        var errors = new FieldErrors();
        var count = errors.WholeNumber("limit", limit, 1, limits.Value.MaxAuditPage, DefaultPage);
        long? cursor = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) cursor = value;
            else errors.Add("before", "must be a sequence number from a previous page's 'next'");
        }
        return (count, cursor, errors);
    }
}
