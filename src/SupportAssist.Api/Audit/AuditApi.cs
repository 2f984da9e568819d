namespace SupportAssist.Api.Audit;

/// <summary><c>GET /v1/audit</c>: who changed the knowledge base, when and how. Admin keys only.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/audit").WithTags("Audit").ForClass(EndpointClass.Admin);
        group.MapGet("/", Read)
            .WithSummary("Read the audit trail")
            .WithDescription("Every article write, delete and import and every index rebuild: the key's name (\"open\" without keys, \"startup\" for start-up indexing), when, what, on what and how it ended. Newest first; limit 1-500 by default (SupportAssist:Limits:MaxAuditPage; default page 50); pass next as before for the following page.");
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> Read(
        string? limit, string? before, IAuditLog audit, AuditRequestRules rules, CancellationToken cancellationToken)
    {
        var (count, cursor, errors) = rules.Check(limit, before);
        if (!errors.IsEmpty) return errors.ToProblem();
        var records = await audit.ReadAsync(count, cursor, cancellationToken);
        return TypedResults.Ok(new AuditPage(
            records.Select(r => new AuditRecordBody(r.Sequence, r.At, r.Actor, r.Action, r.Target, r.Outcome)).ToList(),
            records.Count == count ? records[^1].Sequence : null));
    }
}
