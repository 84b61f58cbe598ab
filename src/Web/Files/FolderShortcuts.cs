using Microsoft.AspNetCore.Components.Web;

namespace Strata.Web.Files;

/// <summary>What a key asks of the folder view.</summary>
public enum FolderCommand
{
    Down,
    Up,
    Next,
    Previous,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    Parent,
    SelectAll,
    Rename,
    Delete,
    Cut,
    Copy,
    Paste,
    Details,
    Close,
    Help,
}

/// <summary>
/// A key of the folder view. <see cref="Ctrl"/> stands for Ctrl or ⌘; Shift is left to the command (it extends the
/// selection); Alt never matches, since Alt with an arrow is the browser's Back and Forward.
/// </summary>
public sealed record KeyBinding(string Key, FolderCommand Command, bool Ctrl = false, bool GridOnly = false)
{
    public bool Matches(KeyboardEventArgs e, bool grid) =>
        string.Equals(e.Key, Key, StringComparison.OrdinalIgnoreCase) && Ctrl == (e.CtrlKey || e.MetaKey) && !e.AltKey && (grid || !GridOnly);
}

/// <summary>
/// A line of the shortcuts dialog and the keys behind it (none for what the mouse does); <see cref="PreventDefault"/>
/// suppresses the browser's own action for them (scrolling, going back, selecting the page).
/// </summary>
public sealed record Shortcut(string Keys, string Description, bool PreventDefault, params KeyBinding[] Bindings);

/// <summary>
/// The folder view's keyboard, in one table: the page's key handler looks commands up here, the listing's script
/// suppresses the browser's action for the keys marked so, and the shortcuts dialog lists it.
/// </summary>
public static class FolderShortcuts
{
    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new("↑ ↓ (← → in the grid)", "Move the selection; with Shift, extend it", PreventDefault: true,
            new("ArrowDown", FolderCommand.Down), new("ArrowUp", FolderCommand.Up),
            new("ArrowRight", FolderCommand.Next, GridOnly: true), new("ArrowLeft", FolderCommand.Previous, GridOnly: true)),
        new("Page Up / Page Down", "Move the selection by a screenful; with Shift, extend it", PreventDefault: true,
            new("PageUp", FolderCommand.PageUp), new("PageDown", FolderCommand.PageDown)),
        new("Home / End", "Select the first or the last item; with Shift, extend the selection to it", PreventDefault: true,
            new("Home", FolderCommand.First), new("End", FolderCommand.Last)),
        new("Enter", "Open the selected item", PreventDefault: false, new KeyBinding("Enter", FolderCommand.Open)),
        new("Backspace", "Go up to the parent folder", PreventDefault: true, new KeyBinding("Backspace", FolderCommand.Parent)),
        new("Ctrl+A", "Select everything", PreventDefault: true, new KeyBinding("a", FolderCommand.SelectAll, Ctrl: true)),
        new("F2", "Rename", PreventDefault: true, new KeyBinding("F2", FolderCommand.Rename)),
        new("Delete", "Move to the trash (Undo in the message)", PreventDefault: false, new KeyBinding("Delete", FolderCommand.Delete)),
        new("Ctrl+X / Ctrl+C", "Cut or copy the selection", PreventDefault: true,
            new("x", FolderCommand.Cut, Ctrl: true), new("c", FolderCommand.Copy, Ctrl: true)),
        new("Ctrl+V", "Move or copy it into the folder shown", PreventDefault: true, new KeyBinding("v", FolderCommand.Paste, Ctrl: true)),
        new("i", "Details and versions", PreventDefault: false, new KeyBinding("i", FolderCommand.Details)),
        new("Escape", "Close the menu or the details", PreventDefault: false, new KeyBinding("Escape", FolderCommand.Close)),
        new("Right-click", "Everything you can do with the selection", PreventDefault: false),
        new("Drag onto a folder", "Move there; with Ctrl, copy", PreventDefault: false),
        new("?", "This list", PreventDefault: false, new KeyBinding("?", FolderCommand.Help)),
    ];

    /// <summary>The keys whose browser action the listing suppresses, for its script.</summary>
    public static IReadOnlyList<KeyBinding> Suppressed { get; } = All.Where(s => s.PreventDefault).SelectMany(s => s.Bindings).ToList();

    /// <summary>The command of a key press in the list or the grid, if it has one.</summary>
    public static FolderCommand? Find(KeyboardEventArgs e, bool grid) =>
        All.SelectMany(s => s.Bindings).FirstOrDefault(b => b.Matches(e, grid))?.Command;
}
