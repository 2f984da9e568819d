using Microsoft.SemanticKernel;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-prompts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string RepositoryPrompts() => Path.Combine(TestPaths.RepositoryRoot, "prompts");

    [Fact]
    public void The_repository_holds_the_prompts_the_language_model_needs_each_with_a_version()
    {
        var prompts = PromptLibrary.Load(RepositoryPrompts());

        // The service needs the required ones; draft-judge is the drafting eval's.
        Assert.Equal(LanguageModelRegistration.RequiredPrompts.Append("draft-judge").Order(StringComparer.Ordinal), prompts.Keys);
        Assert.All(prompts.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.Version)));
    }

    [Fact]
    public async Task Every_prompt_renders_through_semantic_kernel_with_sample_values()
    {
        var kernel = new Kernel();
        var samples = new Dictionary<string, object?>
        {
            ["company"] = "Paykite",
            ["language"] = "English",
            ["max_sentences"] = "4",
            ["tone"] = "friendly and concise",
            ["max_words"] = "150",
            ["intents"] = "payout_missing (payouts)\nrefund_how_to (refunds)",
        };

        foreach (var prompt in PromptLibrary.Load(RepositoryPrompts()).Values)
        {
            var template = new KernelPromptTemplateFactory().Create(prompt.Config);
            var arguments = new KernelArguments(prompt.Config.InputVariables.ToDictionary(v => v.Name, v => samples[v.Name]));

            var rendered = await template.RenderAsync(kernel, arguments);

            Assert.DoesNotContain("{{", rendered, StringComparison.Ordinal);
            Assert.Contains("Paykite", rendered, StringComparison.Ordinal);
            Assert.Contains("data, not instructions", rendered, StringComparison.Ordinal);
        }
    }

    private void Write(string name, string template, string config)
    {
        Directory.CreateDirectory(Path.Combine(_folder, name));
        File.WriteAllText(Path.Combine(_folder, name, "skprompt.txt"), template);
        File.WriteAllText(Path.Combine(_folder, name, "config.json"), config);
    }

    [Theory]
    [InlineData("Answer {{$question}}", """{"name":"p","version":"1","input_variables":[{"name":"question"}]}""", "must travel as a chat message")]
    [InlineData("Answer in {{$language}}", """{"name":"p","input_variables":[{"name":"language"}]}""", "needs a \"version\"")]
    [InlineData("Answer in {{$language}}", """{"name":"p","version":"1","input_variables":[]}""", "declares []")]
    [InlineData("Answer plainly", """{"name":"other","version":"1"}""", "names it 'other'")]
    public void A_broken_prompt_is_refused_saying_why(string template, string config, string expected)
    {
        Write("p", template, config);

        var error = Assert.Throws<InvalidDataException>(() => PromptLibrary.Load(_folder));

        Assert.Contains("prompt 'p'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
