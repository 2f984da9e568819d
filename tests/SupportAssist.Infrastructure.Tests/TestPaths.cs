namespace SupportAssist.Infrastructure.Tests;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding SupportAssist.sln.</summary>
    public static string RepositoryRoot { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run the tests from inside the repository");
    }
}
