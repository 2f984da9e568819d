namespace SupportAssist.Api.Hosting;

/// <summary>
/// What an endpoint is for, which decides who may call it, how often, and how large a body it reads:
/// <see cref="Public"/> (deflections and their feedback: anyone), <see cref="Search"/> (an agent or public-search
/// key), <see cref="Agent"/> (drafts, triage: an agent key), <see cref="Admin"/> (articles, the audit trail: an admin key).
/// </summary>
internal enum EndpointClass
{
    Public,
    Search,
    Agent,
    Admin,
}
