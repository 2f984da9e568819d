using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Loads the prompts folder (Semantic Kernel's prompt-directory form: <c>skprompt.txt</c> + <c>config.json</c> per
/// prompt). Templates carry instructions and settings only: customer text and passages travel as separate
/// chat messages, because the template engine HTML-encodes variables and would let data read as instructions.
/// Loading refuses a prompt without a version, or whose template and declared variables disagree.
/// </summary>
public static partial class PromptLibrary
{
    /// <summary>Variables a template must never take: they would carry customer or article text.</summary>
    public static IReadOnlySet<string> ForbiddenVariables { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "question", "passages", "ticket", "thread", "messages", "input", "body", "subject",
    };

    /// <summary>Every prompt in <paramref name="folder"/>, by name.</summary>
    /// <exception cref="InvalidDataException">A prompt is incomplete or inconsistent (the message names it and why).</exception>
    public static IReadOnlyDictionary<string, PromptDefinition> Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidDataException($"prompts folder '{folder}' does not exist");
        var prompts = new SortedDictionary<string, PromptDefinition>(StringComparer.Ordinal);
        foreach (var directory in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var prompt = LoadOne(directory);
            prompts.Add(prompt.Name, prompt);
        }
        return prompts;
    }

    private static PromptDefinition LoadOne(string directory)
    {
        var name = Path.GetFileName(directory);
        var configPath = Path.Combine(directory, "config.json");
        var templatePath = Path.Combine(directory, "skprompt.txt");
        if (!File.Exists(configPath) || !File.Exists(templatePath))
            throw new InvalidDataException($"prompt '{name}': needs both skprompt.txt and config.json");

        var json = File.ReadAllText(configPath);
        var config = PromptTemplateConfig.FromJson(json);
        config.Template = File.ReadAllText(templatePath);
        using var document = JsonDocument.Parse(json);
        var version = document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrWhiteSpace(version)) throw new InvalidDataException($"prompt '{name}': config.json needs a \"version\" string");
        if (config.Name != name) throw new InvalidDataException($"prompt '{name}': config.json names it '{config.Name}'");

        var used = Variable().Matches(config.Template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var declared = config.InputVariables.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        if (!used.SetEquals(declared))
            throw new InvalidDataException($"prompt '{name}': the template uses [{string.Join(", ", used.Order())}] but config.json declares [{string.Join(", ", declared.Order())}]");
        if (used.FirstOrDefault(ForbiddenVariables.Contains) is { } forbidden)
            throw new InvalidDataException($"prompt '{name}': '{forbidden}' must travel as a chat message, not through the template");
        return new PromptDefinition(name, version, config);
    }

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Variable();
}
