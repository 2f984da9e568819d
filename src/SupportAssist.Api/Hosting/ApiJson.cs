using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// How the API writes JSON: the web defaults, and enums by name through one converter. A value's name is its
/// <see cref="JsonStringEnumMemberNameAttribute"/>, else snake_case (<c>suggest_articles</c>, <c>not_helpful</c>): the
/// rule <see cref="EnumNames"/> applies to what Core stores, so the wire and the store agree.
/// </summary>
internal static class ApiJson
{
    public static void AddApiJson(this WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    /// <summary>Adds the one enum converter to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Names only: an enum never reads or writes as a number.
        options.Converters.Add(new JsonStringEnumConverter(EnumNames.Policy, allowIntegerValues: false));
    }
}
