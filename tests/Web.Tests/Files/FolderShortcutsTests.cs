using Microsoft.AspNetCore.Components.Web;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

/// <summary>The one table behind the folder view's key handler, the keys its script suppresses, and the shortcuts dialog.</summary>
public sealed class FolderShortcutsTests
{
    [Theory]
    [InlineData("ArrowDown", false, false, FolderCommand.Down)]
    [InlineData("PageUp", false, false, FolderCommand.PageUp)]
    [InlineData("End", false, false, FolderCommand.Last)]
    [InlineData("Enter", false, false, FolderCommand.Open)]
    [InlineData("a", true, false, FolderCommand.SelectAll)]
    [InlineData("A", true, false, FolderCommand.SelectAll)]
    [InlineData("v", true, false, FolderCommand.Paste)]
    [InlineData("i", false, false, FolderCommand.Details)]
    [InlineData("?", false, false, FolderCommand.Help)]
    [InlineData("ArrowRight", false, true, FolderCommand.Next)]
    public void A_key_finds_its_command(string key, bool ctrl, bool grid, FolderCommand command) =>
        FolderShortcuts.Find(new KeyboardEventArgs { Key = key, CtrlKey = ctrl }, grid).ShouldBe(command);

    [Fact]
    public void The_command_key_on_a_mac_is_ctrl() =>
        FolderShortcuts.Find(new KeyboardEventArgs { Key = "c", MetaKey = true }, grid: false).ShouldBe(FolderCommand.Copy);

    [Theory]
    [InlineData("ArrowLeft", false, false)]
    [InlineData("a", false, false)]
    [InlineData("i", true, false)]
    [InlineData("x", false, true)]
    public void Left_and_right_belong_to_the_grid_and_letters_need_their_modifier(string key, bool ctrl, bool grid) =>
        FolderShortcuts.Find(new KeyboardEventArgs { Key = key, CtrlKey = ctrl }, grid).ShouldBeNull();

    [Fact]
    public void Alt_with_an_arrow_stays_the_browsers_back_and_forward() =>
        FolderShortcuts.Find(new KeyboardEventArgs { Key = "ArrowLeft", AltKey = true }, grid: true).ShouldBeNull();

    [Fact]
    public void No_key_is_bound_twice()
    {
        var keys = FolderShortcuts.All.SelectMany(s => s.Bindings).Select(b => (b.Key.ToUpperInvariant(), b.Ctrl)).ToList();

        keys.ShouldBeUnique();
    }

    [Fact]
    public void The_browser_keeps_its_action_only_for_keys_that_open_or_close_something()
    {
        var suppressed = FolderShortcuts.Suppressed.Select(b => b.Key).ToList();

        suppressed.ShouldContain("Backspace");
        suppressed.ShouldContain("a");
        suppressed.ShouldContain("PageDown");
        suppressed.ShouldNotContain("Enter");
        suppressed.ShouldNotContain("Escape");
        suppressed.ShouldNotContain("Delete");
    }
}
