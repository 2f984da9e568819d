using SupportAssist.Api.Articles;
using SupportAssist.Api.Audit;
using SupportAssist.Api.Cases;
using SupportAssist.Api.Deflections;
using SupportAssist.Api.Drafts;
using SupportAssist.Api.Search;
using SupportAssist.Api.Suggestions;
using SupportAssist.Api.Triage;
using SupportAssist.Api.Web;
using SupportAssist.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSupportAssistLogging();
builder.ConfigureServerLimits();
builder.AddApiJson();
builder.AddProblemHandling();
builder.AddRequestRules();
builder.AddApiKeyAuthentication();
builder.AddEndpointProtection();
builder.AddKnowledgeBase();
builder.AddRetrieval();
builder.AddLanguageModels();
builder.AddDeflection();
builder.AddTriage();
builder.AddDrafts();
builder.AddCases();
builder.AddStartupReadiness();
CallerOutcomeLog.Decorate(builder.Services);
builder.AddTelemetry();
builder.AddHealth();
builder.AddApiDocumentation();
builder.AddWebPages();

var app = builder.Build();

// The client's address first (from trusted proxies only), so logs, key failures and rate limits see it.
app.UseClientAddress();
app.UseSupportAssistLogging();
app.UseWebPages();
app.UseProblemHandling();
app.UseApiKeyAuthentication();
app.UseEndpointLimits();
app.MapHealth();
app.MapTelemetry();
app.MapApiDocumentation();
app.MapSearchApi();
app.MapArticlesApi();
app.MapAuditApi();
app.MapDeflectionsApi();
app.MapDraftsApi();
app.MapTriageApi();
app.MapCasesApi();
app.MapSuggestionsApi();
app.MapUiTextApi();
app.MapWebPages();
app.WarnWhenOpen();

app.Run();
