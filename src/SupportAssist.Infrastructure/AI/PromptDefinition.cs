using Microsoft.SemanticKernel;

namespace SupportAssist.Infrastructure.AI;

/// <summary>A prompt from <c>prompts/&lt;name&gt;/</c>: Semantic Kernel's configuration with its template, and our version.</summary>
/// <param name="Version">The <c>version</c> field of <c>config.json</c>, recorded with every outcome the prompt produces.</param>
public sealed record PromptDefinition(string Name, string Version, PromptTemplateConfig Config);
