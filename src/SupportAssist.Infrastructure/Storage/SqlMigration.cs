namespace SupportAssist.Infrastructure.Storage;

/// <summary>A versioned schema change: the embedded script <c>Migrations/NNNN_name.sql</c> of one store.</summary>
public sealed record SqlMigration(int Version, string Name, string Sql);
