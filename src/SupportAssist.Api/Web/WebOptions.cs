namespace SupportAssist.Api.Web;

/// <summary>The pages' settings.</summary>
public sealed class WebOptions
{
    public const string Section = "SupportAssist:Web";

    /// <summary>Sites that may embed the contact widget (CORS allow-list), such as <c>https://www.example.com</c>.</summary>
    public IReadOnlyList<string> WidgetOrigins { get; set; } = [];

    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && uri.Query.Length == 0
        && !value.EndsWith('/') && uri.UserInfo.Length == 0;
}
