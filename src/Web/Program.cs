using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Web.Components;
using Strata.Web.Files;
using Strata.Web.Hosting;
using Strata.Web.Identity;
using Strata.Web.Journal;

var builder = WebApplication.CreateBuilder(args);

builder.AddStrataHosting();
builder.AddPersistence();
builder.AddFiles();
builder.AddAccounts();
builder.AddStrataIdentity();
builder.AddUi();

var app = builder.Build();

app.UseStrataHosting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStrataHealth();
app.MapFsApi();
app.MapFsContentApi();
app.MapTrashApi();
app.MapVersionsApi();
app.MapEventsApi();
app.MapUi();

await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
