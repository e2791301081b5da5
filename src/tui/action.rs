//! What the person asked for (an [`Action`]) and what the runtime must do next (an
//! [`Effect`]). Keys become actions in `keymap`; `App::update` turns actions into effects.

/// A user's intent, independent of the key that expressed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the focus or scroll up / down one step.
    Up,
    Down,
    /// Scroll a page.
    PageUp,
    PageDown,
    /// Jump to the first / last row.
    Top,
    Bottom,
    /// Enter or Space on a list: choose the focused row.
    Choose,
    /// Space on a multiple-choice option: tick or untick it.
    Toggle,
    /// A number key or a click: choose (or tick) option `n` (0-based).
    Pick(usize),
    /// Enter in a field or on ticked options: save this answer and continue.
    Submit,
    /// Tab or Right: the next question (or screen).
    Next,
    /// Backspace or Left: the previous question (or screen). Never blocked by validation.
    Back,
    /// A character typed into a field.
    Type(char),
    /// Text pasted into a field (inserted once, line breaks become spaces).
    Paste(String),
    /// Delete the character before / under the cursor.
    Erase,
    EraseForward,
    /// Move the cursor in a field.
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// Open the keys help, the glossary, the index, "check your answers", the result.
    Help,
    Glossary,
    /// The open-weights licence shortlist, each family with its conditions.
    Licences,
    /// Open (or close) the workshop scenario's brief.
    Brief,
    Index,
    Check,
    Result,
    /// Focus the next / previous flag on the result screen.
    NextFlag,
    PrevFlag,
    /// Review mode: overwrite the original file with the changed answers (asks first).
    Overwrite,
    /// Answer a question box: yes / no.
    Yes,
    No,
    /// Close the overlay or detail view.
    Close,
    /// Ask to quit (q, Esc).
    Quit,
    /// Ctrl-C: quit now, safely (the answers are already saved).
    ForceQuit,
    /// The terminal's size, so scrolling can stop at the end of the text.
    Resize(u16, u16),
}

/// What the runtime must do after an update. `update` itself never does IO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing: just redraw.
    None,
    /// Save the sheet (after every answer).
    Save,
    /// Review mode: write the changed answers over the original file.
    OverwriteOriginal,
    /// Leave normally, printing the verdict and where the answers are.
    Quit,
    /// Leave at once (Ctrl-C); the answers are already saved.
    Interrupt,
}
