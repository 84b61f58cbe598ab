using Strata.Infrastructure.Journal;
using Strata.Web.Journal;

namespace Strata.Web.Tests.Tasks;

public sealed class TaskActivitySentenceTests
{
    private static readonly Dictionary<string, string> Names = new() { ["u-alice"] = "Alice" };

    [Theory]
    [InlineData("TaskCreated", "kind=Review", "Alice gave a review task on installer.exe")]
    [InlineData("TaskChanged", "kind=ToDo status=Cancelled", "Alice cancelled a to-do task on installer.exe")]
    [InlineData("TaskChanged", "kind=Review responded=u-alice", "Alice answered a review task on installer.exe")]
    [InlineData("TaskCompleted", "kind=Approval outcome=Approved", "Alice approved installer.exe")]
    [InlineData("TaskCompleted", "kind=Approval outcome=Rejected", "Alice rejected installer.exe")]
    [InlineData("TaskCompleted", "kind=ToDo outcome=Done", "Alice completed a to-do task on installer.exe")]
    [InlineData("TaskDue", "kind=Approval reminder=before", "An approval task on installer.exe is due in a day")]
    [InlineData("TaskDue", "kind=Review reminder=overdue", "A review task on installer.exe is overdue")]
    public void Task_events_read_as_sentences(string type, string details, string sentence)
    {
        var facts = details.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var change = new EventView(1, type, 7, "/Shared/Builds/installer.exe", null, false, "u-alice", DateTimeOffset.UnixEpoch, Details: facts);

        ActivitySentence.Describe(change, Names).ShouldBe(sentence);
    }
}
