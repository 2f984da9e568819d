namespace SupportAssist.Api.Drafts;

/// <summary>A message of the thread: <c>role</c> is <c>customer</c> or <c>agent</c>.</summary>
public sealed record ThreadMessageBody(string? Role, string? Text);
