using System.Text.RegularExpressions;

namespace SupportAssist.Api.Hosting;

/// <summary>The customer fields several endpoints take, checked the same way everywhere, with the same messages.</summary>
internal static partial class CustomerFields
{
    public const string PlanRule = "must be 1-64 letters, digits, '-' or '_'";
    public const string CountryRule = "must be an ISO 3166-1 alpha-2 code such as 'DE'";

    public static bool IsPlan(string plan) => Plan().IsMatch(plan);

    public static bool IsCountry(string country) => Country().IsMatch(country);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Plan();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();
}
