namespace SupportAssist.Answering;

/// <summary>Why a composer's dependency could not answer and a fallback composer did: who failed, and the cause in a few words.</summary>
/// <param name="Dependency">Who failed, as outcomes record it: the provider and model, such as <c>openai:gpt-4o-mini</c>.</param>
/// <param name="Cause">What went wrong, fit for end users' reasons: <c>timed out</c>, <c>rate limited (429)</c>, <c>HTTP 503</c>.</param>
public sealed record Degradation(string Dependency, string Cause)
{
    /// <summary>As outcomes record it: <c>dependency: cause</c>.</summary>
    public override string ToString() => $"{Dependency}: {Cause}";
}
