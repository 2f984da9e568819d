using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Api.Web;

namespace SupportAssist.Api.Pages.Console;

/// <summary>Agents sign in with a key holding the agent scope; the key is exchanged for a cookie session and never stored.</summary>
public sealed class SignInModel(IOptions<SecurityOptions> security, IOptions<ConsoleOidcOptions> oidc, FailedKeyLimiter failures) : PageModel
{
    [BindProperty] public string? Key { get; set; }

    public string? Error { get; private set; }

    public bool Open => security.Value.Open && !oidc.Value.Enabled;

    // With an OpenID Connect provider configured, agents sign in there; otherwise with a key (or not at all when open).
    public IActionResult OnGet() =>
        oidc.Value.Enabled ? Challenge(new AuthenticationProperties { RedirectUri = "/console" }, ConsoleSignIn.OidcScheme)
        : Open ? Redirect("/console") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (oidc.Value.Enabled) return Challenge(new AuthenticationProperties { RedirectUri = "/console" }, ConsoleSignIn.OidcScheme);
        if (failures.BlockedFor(HttpContext.Connection.RemoteIpAddress) is not null)
        {
            Error = "Too many wrong keys from this address: wait a few minutes.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Key) || !await ConsoleSignIn.SignInAsync(HttpContext, security.Value, failures, Key.Trim()))
        {
            Error = "That key is not an agent key.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        return Redirect("/console");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSignIn.Scheme);
        return Redirect("/console/signin");
    }
}
