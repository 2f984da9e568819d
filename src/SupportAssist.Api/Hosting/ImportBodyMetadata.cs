namespace SupportAssist.Api.Hosting;

/// <summary>Marks the NDJSON import, whose body may be as large as <see cref="LimitsOptions.MaxImportBytes"/>.</summary>
internal sealed record ImportBodyMetadata;
