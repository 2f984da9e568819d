using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Api.Cases;
using SupportAssist.Cases;

namespace SupportAssist.Api.Pages;

/// <summary>
/// The contact form. Without JavaScript it is a plain form that creates the case (antiforgery-checked) and shows the
/// reference; with it, <c>contact.js</c> suggests articles while the user types, streams an answer, records feedback,
/// and submits the case with what the user saw, through the public API.
/// </summary>
public sealed class ContactModel(CaseService cases, CaseRequestRules rules) : PageModel
{
    [BindProperty] public string? Subject { get; set; }

    [BindProperty] public string? Message { get; set; }

    [BindProperty] public string? ContactEmail { get; set; }

    /// <summary>The deflection ids the enhanced page collected (the plain form sends none).</summary>
    [BindProperty] public List<Guid> DeflectionIds { get; set; } = [];

    /// <summary>The reference of the case just created (after the redirect).</summary>
    [BindProperty(SupportsGet = true, Name = "case")] public string? CreatedReference { get; set; }

    /// <summary>The fields the last post got wrong.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public static string Locale => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public void OnGet()
    {
        // Only a reference of the expected shape is echoed back.
        if (CreatedReference is not null && !System.Text.RegularExpressions.Regex.IsMatch(CreatedReference, "^SA-[0-9A-Z]{4}-[0-9A-Z]{4}$")) CreatedReference = null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new CaseRequest(Subject, Message, ContactEmail, Locale, null, DeflectionIds);
        var errors = rules.Check(request);
        if (errors.IsEmpty)
        {
            var creation = await cases.CreateAsync(new NewCase(Subject!.Trim(), Message!.Trim(), ContactEmail!.Trim(), Locale, null, DeflectionIds), cancellationToken);
            if (creation.Case is { } created) return RedirectToPage("/Contact", new { @case = created.Reference, locale = Locale });
            // Deflections that no longer exist are dropped rather than refusing the customer's message.
            creation = await cases.CreateAsync(new NewCase(Subject!.Trim(), Message!.Trim(), ContactEmail!.Trim(), Locale, null, []), cancellationToken);
            return RedirectToPage("/Contact", new { @case = creation.Case!.Reference, locale = Locale });
        }
        Errors = errors.ToDictionary();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
