using SupportAssist.Evals;

// dotnet run --project src/SupportAssist.Evals -- <command> [options]
return await EvalCli.Create().Parse(args).InvokeAsync();
