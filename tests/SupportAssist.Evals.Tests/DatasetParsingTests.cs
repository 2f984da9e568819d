namespace SupportAssist.Evals.Tests;

/// <summary>The deflection and drafting suites refuse malformed eval files before any work, with exit code 2.</summary>
public sealed class DatasetParsingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-evalsets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Code, string Error)> RunAsync(string suite, string content)
    {
        var path = Path.Combine(_folder, suite + ".jsonl");
        File.WriteAllText(path, content);
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await EvalCli.Create().Parse([suite, "--data", path, "--results", Path.Combine(_folder, "results")]).InvokeAsync();
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Theory]
    [InlineData("deflection", "{\"question\": \"refunds?\", \"expected_articles\": null}\nnot json\n", ":2: not valid JSON")]
    [InlineData("deflection", "{\"expected_articles\": [\"a\"]}\n", ":1: 'question' must be a string")]
    [InlineData("drafting", "{\"subject\": \"s\", \"body\": \"b\", \"reference_reply\": \"r\"}\n", ":1: 'expected_citations' must be an array")]
    [InlineData("drafting", "{\"subject\": \"\", \"body\": \"b\", \"reference_reply\": \"r\", \"expected_citations\": []}\n", ":1: 'subject' must be a non-empty string")]
    public async Task A_malformed_line_exits_with_code_2_naming_the_line(string suite, string content, string message)
    {
        var (code, error) = await RunAsync(suite, content);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
