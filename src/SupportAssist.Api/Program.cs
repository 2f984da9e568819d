using SupportAssist.Api.Articles;
using SupportAssist.Api.Hosting;
using SupportAssist.Api.Search;
using SupportAssist.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSupportAssistLogging();
builder.AddProblemHandling();
builder.AddKnowledgeBase();
builder.AddRetrieval();
builder.AddHealth();
builder.AddApiDocumentation();

var app = builder.Build();

app.UseSupportAssistLogging();
app.UseProblemHandling();
app.MapHealth();
app.MapApiDocumentation();
app.MapSearchApi();
app.MapArticlesApi();

app.Run();
