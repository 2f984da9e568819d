using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAssist.Api.Hosting;
using SupportAssist.Knowledge;

namespace SupportAssist.Api.Audit;

/// <summary>An audit record as the API shows it.</summary>
public sealed record AuditRecordBody(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string Outcome);

/// <summary>A page of the audit trail, newest first; <c>next</c> is the <c>before</c> of the following page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordBody> Records, long? Next);

/// <summary><c>GET /v1/audit</c>: who changed the knowledge base, when and how. Admin keys only.</summary>
internal static class AuditApi
{
    private const int MaxLimit = 500;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/audit").WithTags("Audit").ForClass(EndpointClass.Admin);
        group.MapGet("/", Read)
            .WithSummary("Read the audit trail")
            .WithDescription("Every article write, delete and import and every index rebuild: the key's name (\"open\" without keys, \"startup\" for start-up indexing), when, what, on what and how it ended. Newest first; limit 1-500 (default 50); pass next as before for the following page.");
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> Read(string? limit, string? before, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            errors["limit"] = [$"must be a whole number from 1 to {MaxLimit}"];
        long? cursor = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) cursor = value;
            else errors["before"] = ["must be a sequence number from a previous page's 'next'"];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var records = await audit.ReadAsync(count, cursor, cancellationToken);
        return TypedResults.Ok(new AuditPage(
            records.Select(r => new AuditRecordBody(r.Sequence, r.At, r.Actor, r.Action, r.Target, r.Outcome)).ToList(),
            records.Count == count ? records[^1].Sequence : null));
    }
}
