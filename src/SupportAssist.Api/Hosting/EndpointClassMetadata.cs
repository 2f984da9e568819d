namespace SupportAssist.Api.Hosting;

/// <summary>The class an endpoint belongs to.</summary>
internal sealed record EndpointClassMetadata(EndpointClass Class);
