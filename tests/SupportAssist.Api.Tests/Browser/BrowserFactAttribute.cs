namespace SupportAssist.Api.Tests.Browser;

/// <summary>
/// A test that drives a real Chromium. Skipped, saying why, when no Chromium is installed; CI installs one and sets
/// <c>SUPPORTASSIST_REQUIRE_BROWSER=1</c>, so there a missing browser fails instead of skipping.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserHost.ChromiumPath is null && Environment.GetEnvironmentVariable("SUPPORTASSIST_REQUIRE_BROWSER") != "1")
            Skip = "Chromium not found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped.";
    }
}
