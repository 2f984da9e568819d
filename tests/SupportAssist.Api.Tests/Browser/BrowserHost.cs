using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace SupportAssist.Api.Tests.Browser;

/// <summary>
/// The real host on Kestrel over loopback with the sample help center, and Debian's Chromium driven by Playwright
/// (launched by its executable path: Playwright's own browser download is not used). One per test class.
/// </summary>
public abstract class BrowserHostBase(IDictionary<string, string?>? settings) : IAsyncLifetime
{
    public SupportAssistFactory Factory { get; } = new(SupportAssistFactory.SampleHelpCenter, settings);

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's base address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static string? ChromiumPath { get; } =
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        using (var client = Factory.CreateClient()) BaseUrl = client.BaseAddress!.ToString().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath ?? throw new InvalidOperationException("SUPPORTASSIST_REQUIRE_BROWSER=1 but no Chromium was found (set CHROMIUM_PATH)."),
            Headless = true,
            // Root in CI containers cannot use Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Factory.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) and page on the host, optionally without JavaScript or in a locale.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, JavaScriptEnabled = javaScript, Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Where the README's screenshots live; written only when <c>SUPPORTASSIST_SCREENSHOTS=1</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SUPPORTASSIST_SCREENSHOTS") != "1") return;
        var folder = Path.Combine(SupportAssistFactory.RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}

/// <summary>The host with no key configured (open, as on a laptop), and one site allowed to embed the widget.</summary>
public sealed class BrowserHost() : BrowserHostBase(new Dictionary<string, string?> { ["SupportAssist:Web:WidgetOrigins:0"] = ShopSite.AllowedOrigin });

/// <summary>
/// A plain HTML page of another origin embedding the widget, served by its own Kestrel on loopback (a real second
/// origin: Chromium refuses scripts from a loopback address to a page it did not load from one). Reached as
/// <see cref="AllowedOrigin"/> (on the service's allow-list) or as <see cref="OtherOrigin"/> (not on it).
/// </summary>
public static class ShopSite
{
    private static readonly int Port = FreePort();
    private static readonly Lazy<Task> Server = new(StartAsync);

    public static string AllowedOrigin { get; } = $"http://127.0.0.1:{Port}";

    public static string OtherOrigin { get; } = $"http://localhost:{Port}";

    public static Task EnsureStartedAsync() => Server.Value;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task StartAsync()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{Port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/help", (string api, string locale) => Microsoft.AspNetCore.Http.Results.Content($"""
            <!DOCTYPE html>
            <html lang="{locale}"><head><meta charset="utf-8"><title>Shop help</title>
            <script type="module" src="{api}/js/widget.js"></script></head>
            <body><main><h1>Shop help</h1><p class="field">The shop's own styles.</p>
            <supportassist-contact api-base="{api}" locale="{locale}"></supportassist-contact></main></body></html>
            """, "text/html"));
        await app.StartAsync();
    }
}

/// <summary>The host with an agent key, an admin key and a public-search key.</summary>
public sealed class KeyedBrowserHost() : BrowserHostBase(new Dictionary<string, string?>
{
    ["SupportAssist:Security:ApiKeys:0:Name"] = "agents",
    ["SupportAssist:Security:ApiKeys:0:Key"] = AgentKey,
    ["SupportAssist:Security:ApiKeys:0:Scopes:0"] = "agent",
    ["SupportAssist:Security:ApiKeys:1:Name"] = "content",
    ["SupportAssist:Security:ApiKeys:1:Key"] = AdminKey,
    ["SupportAssist:Security:ApiKeys:1:Scopes:0"] = "admin",
})
{
    public const string AgentKey = "browser-agent-key-0123456789";
    public const string AdminKey = "browser-admin-key-0123456789";
}
