using Strata.Domain.Tasks;

namespace Strata.Domain.Tests.Tasks;

public sealed class TaskRulesTests
{
    [Theory]
    [InlineData(TaskKind.ToDo, TaskOutcome.Done, null, true)]
    [InlineData(TaskKind.Review, TaskOutcome.Done, "looks good", true)]
    [InlineData(TaskKind.ToDo, TaskOutcome.Approved, null, false)]
    [InlineData(TaskKind.Review, TaskOutcome.Rejected, "no", false)]
    [InlineData(TaskKind.Approval, TaskOutcome.Approved, null, true)]
    [InlineData(TaskKind.Approval, TaskOutcome.Rejected, "page 4 is wrong", true)]
    [InlineData(TaskKind.Approval, TaskOutcome.Rejected, null, false)]
    [InlineData(TaskKind.Approval, TaskOutcome.Rejected, "   ", false)]
    [InlineData(TaskKind.Approval, TaskOutcome.Done, null, false)]
    public void Each_kind_takes_its_own_answers_and_a_rejection_needs_a_reason(TaskKind kind, TaskOutcome outcome, string? note, bool accepted) =>
        (TaskRules.CheckResponse(kind, outcome, note) is null).ShouldBe(accepted);

    [Fact]
    public void A_rejection_without_reason_says_so() =>
        TaskRules.CheckResponse(TaskKind.Approval, TaskOutcome.Rejected, null).ShouldBe("Rejecting needs a reason.");

    [Fact]
    public void The_kind_changes_only_until_someone_has_answered()
    {
        TaskRules.CheckKindChange(TaskKind.ToDo, TaskKind.Approval, [null, null]).ShouldBeNull();
        TaskRules.CheckKindChange(TaskKind.Review, TaskKind.Review, [TaskOutcome.Done, null]).ShouldBeNull();

        TaskRules.CheckKindChange(TaskKind.Review, TaskKind.Approval, [TaskOutcome.Done, null]).ShouldBe("The kind can no longer change: someone has already answered the task.");
    }

    [Fact]
    public void Under_any_the_first_answer_decides()
    {
        TaskRules.StatusOf(TaskCompletion.Any, [null, null, null]).ShouldBe(TaskItemStatus.Open);
        TaskRules.StatusOf(TaskCompletion.Any, [null, TaskOutcome.Done, null]).ShouldBe(TaskItemStatus.Done);
        TaskRules.StatusOf(TaskCompletion.Any, [TaskOutcome.Approved, null]).ShouldBe(TaskItemStatus.Approved);
        TaskRules.StatusOf(TaskCompletion.Any, [null, TaskOutcome.Rejected]).ShouldBe(TaskItemStatus.Rejected);
    }

    [Fact]
    public void Under_all_everyone_answers_and_one_rejection_rejects_at_once()
    {
        TaskRules.StatusOf(TaskCompletion.All, [TaskOutcome.Done, null]).ShouldBe(TaskItemStatus.Open);
        TaskRules.StatusOf(TaskCompletion.All, [TaskOutcome.Done, TaskOutcome.Done]).ShouldBe(TaskItemStatus.Done);
        TaskRules.StatusOf(TaskCompletion.All, [TaskOutcome.Approved, null, null]).ShouldBe(TaskItemStatus.Open);
        TaskRules.StatusOf(TaskCompletion.All, [TaskOutcome.Approved, TaskOutcome.Approved]).ShouldBe(TaskItemStatus.Approved);
        TaskRules.StatusOf(TaskCompletion.All, [TaskOutcome.Approved, TaskOutcome.Rejected, null]).ShouldBe(TaskItemStatus.Rejected);
    }

    [Fact]
    public void A_title_is_required_and_bounded()
    {
        TaskRules.CheckText(" ", null).ShouldNotBeNull();
        TaskRules.CheckText(new string('x', TaskRules.MaxTitleLength + 1), null).ShouldNotBeNull();
        TaskRules.CheckText("Check the figures", new string('x', TaskRules.MaxNoteLength + 1)).ShouldNotBeNull();
        TaskRules.CheckText("Check the figures", "page 4").ShouldBeNull();
    }
}
