//! Syllable counting. Placeholder: counts vowel groups.

/// Counts the syllables of one English word.
pub fn syllables(word: &str) -> u32 {
    let mut count = 0;
    let mut prev_vowel = false;
    for c in word.chars() {
        let v = matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    count.max(1)
}
