using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Journal;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;
using Strata.Infrastructure.Search;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tags;
using Strata.Infrastructure.Tasks;
using Strata.Infrastructure.Trash;
using Strata.Infrastructure.Uploads;
using Strata.Web.Comments;
using Strata.Web.Components;
using Strata.Web.Dav;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Hosting;
using Strata.Web.Identity;
using Strata.Web.Jobs;
using Strata.Web.Journal;
using Strata.Web.Live;
using Strata.Web.Notifications;
using Strata.Web.Previews;
using Strata.Web.Sharing;
using Strata.Web.Tags;
using Strata.Web.Tasks;
using Strata.Web.Trash;
using Strata.Web.Uploads;
using Strata.Workers.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddStrataHosting();
builder.AddPersistence();
builder.AddSharing();
builder.AddFiles();
builder.AddPreviews();
builder.AddSearch();
builder.AddJournal();
builder.AddTrash();
builder.AddComments();
builder.AddTasks();
builder.AddTags();
builder.AddUploads();
builder.AddAccounts();
builder.AddStrataIdentity();
builder.AddFlags();
builder.AddJobs();
builder.AddLiveUpdates();
builder.AddWebNotifications();
builder.AddDav();
builder.AddPublicLinks();
builder.AddUi();
builder.WithoutStartupWorkWhenGeneratingOpenApi();

var app = builder.Build();

app.UseStrataHosting();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiCsrfGuard();
app.UseFeatureGates();
app.UseAntiforgery();

app.MapStrataHealth();
app.MapFiles();
app.MapPreviews();
app.MapTrashApi();
app.MapCommentsApi();
app.MapTasksApi();
app.MapTags();
app.MapEventsApi();
app.MapUploads();
app.MapIdentity();
app.MapAdminFlagsApi();
app.MapSharing();
app.MapJobsDashboard();
app.MapLiveUpdates();
app.MapNotifications();
app.MapDav();
app.MapUi();

await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
