using SupportAssist.Api.Articles;
using SupportAssist.Api.Deflections;
using SupportAssist.Api.Drafts;
using SupportAssist.Api.Hosting;
using SupportAssist.Api.Search;
using SupportAssist.Api.Triage;
using SupportAssist.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSupportAssistLogging();
builder.AddProblemHandling();
builder.AddApiKeyAuthentication();
builder.AddKnowledgeBase();
builder.AddRetrieval();
builder.AddLanguageModels();
builder.AddDeflection();
builder.AddTriage();
builder.AddDrafts();
builder.AddHealth();
builder.AddApiDocumentation();

var app = builder.Build();

app.UseSupportAssistLogging();
app.UseProblemHandling();
app.UseApiKeyAuthentication();
app.MapHealth();
app.MapApiDocumentation();
app.MapSearchApi();
app.MapArticlesApi();
app.MapDeflectionsApi();
app.MapDraftsApi();
app.MapTriageApi();

app.Run();
