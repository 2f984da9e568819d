using System.Globalization;

namespace SupportAssist.Infrastructure.Storage;

/// <summary>Reads a store's migrations from this assembly's embedded <c>.sql</c> resources.</summary>
public static class SqlMigrations
{
    /// <summary>
    /// The scripts under <paramref name="folderNamespace"/> (such as <c>SupportAssist.Infrastructure.Sqlite.Migrations</c>),
    /// in order; they must be numbered 1..n without gaps.
    /// </summary>
    public static IReadOnlyList<SqlMigration> Load(string folderNamespace)
    {
        var assembly = typeof(SqlMigrations).Assembly;
        var prefix = folderNamespace + ".";
        var migrations = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var file = resource[prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SqlMigration(int.Parse(file[..4], CultureInfo.InvariantCulture), file[5..^4], reader.ReadToEnd()));
        }
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"Migrations must be numbered 1..n without gaps; found {migrations[i].Version} at position {i + 1} in {folderNamespace}.");
        }
        return migrations;
    }
}
