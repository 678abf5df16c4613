//! The on-disk format of the syntax model (`data/models/syntax.bin`), versioned and checksummed.
//!
//! Layout (little endian; a string is a `u32` length and UTF-8): magic `LEDESYN\0`, format version
//! `u32`, feature version `u32`; the tag classes (count, then UPOS and XPOS strings); the labels;
//! the feature sets; the tag dictionary (count, then form hash `u64` and class `u16`); the lemma
//! scripts (count, then lower `u8`, strip `u8`, append string), the lemma form and suffix tables
//! and the per-tag scripts (keys `u64`, values `u32`); the morphology form table and per-tag sets;
//! then the tagger's weight table, a `u32` flag and (if 1) its second pass's, the action and label
//! weight tables ([`super::weights::Sparse::write`]). The file
//! ends with the blake3 hash of everything before it, so a truncated or corrupted file is refused.

use super::features::FEATURES_VERSION;
use super::lemma::{Lemmatizer, Script};
use super::morph::Morph;
use super::parser::Parser;
use super::tagger::Tagger;
use super::weights::Sparse;
use super::{intern, SyntaxModel};
use crate::ner::features::FastMap;

pub const MAGIC: &[u8; 8] = b"LEDESYN\0";
pub const VERSION: u32 = 2;
/// File name of the model inside the models folder.
pub const FILE_NAME: &str = "syntax.bin";

/// Reads the little-endian values of a model file, failing on a short file.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("the file ends early")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn i16(&mut self) -> Result<i16, String> {
        Ok(i16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        self.take(n)
    }
    pub fn str(&mut self) -> Result<&'a str, String> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a string that is not UTF-8".to_string())
    }
    fn count(&mut self) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() {
            return Err("a count larger than the file".into());
        }
        Ok(n)
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_map(out: &mut Vec<u8>, m: &FastMap<u64, u32>) {
    let mut rows: Vec<_> = m.iter().collect();
    rows.sort();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (k, v) in rows {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn get_map(r: &mut Reader) -> Result<FastMap<u64, u32>, String> {
    let n = r.count()?;
    let mut m = FastMap::default();
    m.reserve(n);
    for _ in 0..n {
        let k = r.u64()?;
        m.insert(k, r.u32()?);
    }
    Ok(m)
}

fn put_u32s(out: &mut Vec<u8>, v: &[u32]) {
    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

fn get_u32s(r: &mut Reader) -> Result<Vec<u32>, String> {
    let n = r.count()?;
    (0..n).map(|_| r.u32()).collect()
}

/// The bytes of a model file.
pub fn write(m: &SyntaxModel) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
    out.extend_from_slice(&(m.tagger.tags.len() as u32).to_le_bytes());
    for (u, x) in &m.tagger.tags {
        put_str(&mut out, u);
        put_str(&mut out, x);
    }
    out.extend_from_slice(&(m.parser.label_names.len() as u32).to_le_bytes());
    for l in &m.parser.label_names {
        put_str(&mut out, l);
    }
    out.extend_from_slice(&(m.morph.sets.len() as u32).to_le_bytes());
    for s in &m.morph.sets {
        put_str(&mut out, s);
    }
    let mut dict: Vec<_> = m.tagger.dict.iter().collect();
    dict.sort();
    out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    for (k, v) in dict {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&(m.lemmas.scripts.len() as u32).to_le_bytes());
    for s in &m.lemmas.scripts {
        out.push(s.lower as u8);
        out.push(s.strip);
        put_str(&mut out, &s.append);
    }
    put_map(&mut out, &m.lemmas.forms);
    put_map(&mut out, &m.lemmas.suffixes);
    put_u32s(&mut out, &m.lemmas.by_tag);
    put_map(&mut out, &m.morph.forms);
    put_u32s(&mut out, &m.morph.by_tag);
    m.tagger.weights.write(&mut out);
    out.extend_from_slice(&(m.tagger.second.is_some() as u32).to_le_bytes());
    if let Some(w) = &m.tagger.second {
        w.write(&mut out);
    }
    m.parser.actions.write(&mut out);
    m.parser.labels.write(&mut out);
    let hash = blake3::hash(&out);
    out.extend_from_slice(hash.as_bytes());
    out
}

/// Parses a model file, checking magic, versions and checksum.
pub fn read(bytes: &[u8]) -> Result<SyntaxModel, String> {
    if bytes.len() < 48 || &bytes[..8] != MAGIC {
        return Err("not a lede syntax model (bad magic)".into());
    }
    let (body, hash) = bytes.split_at(bytes.len() - 32);
    if blake3::hash(body).as_bytes() != hash {
        return Err("checksum mismatch (truncated or corrupted file)".into());
    }
    let mut r = Reader { bytes: body, at: 8 };
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!("format version {version}, expected {VERSION}"));
    }
    let fv = r.u32()?;
    if fv != FEATURES_VERSION {
        return Err(format!(
            "trained with feature set {fv}, this build has {FEATURES_VERSION}: retrain (just train-syntax)"
        ));
    }
    let n = r.count()?;
    let mut tags = Vec::with_capacity(n);
    for _ in 0..n {
        tags.push((intern(r.str()?), intern(r.str()?)));
    }
    let n = r.count()?;
    let labels = (0..n)
        .map(|_| r.str().map(intern))
        .collect::<Result<Vec<_>, _>>()?;
    let n = r.count()?;
    let sets = (0..n)
        .map(|_| r.str().map(intern))
        .collect::<Result<Vec<_>, _>>()?;
    let n = r.count()?;
    let mut dict = FastMap::default();
    for _ in 0..n {
        let k = r.u64()?;
        dict.insert(k, r.u16()?);
    }
    let n = r.count()?;
    let mut scripts = Vec::with_capacity(n);
    for _ in 0..n {
        let lower = r.u8()? != 0;
        let strip = r.u8()?;
        scripts.push(Script {
            lower,
            strip,
            append: r.str()?.to_string(),
        });
    }
    let lemmas = Lemmatizer {
        scripts,
        forms: get_map(&mut r)?,
        suffixes: get_map(&mut r)?,
        by_tag: get_u32s(&mut r)?,
    };
    let morph = Morph {
        sets,
        forms: get_map(&mut r)?,
        by_tag: get_u32s(&mut r)?,
    };
    let weights = Sparse::read(&mut r)?;
    let second = match r.u32()? {
        0 => None,
        _ => Some(Sparse::read(&mut r)?),
    };
    let tagger = Tagger {
        weights,
        second,
        tags,
        dict,
    };
    let actions = Sparse::read(&mut r)?;
    let label_w = Sparse::read(&mut r)?;
    let second_ok = tagger
        .second
        .as_ref()
        .is_none_or(|w| w.n_classes() == tagger.tags.len());
    if tagger.weights.n_classes() != tagger.tags.len()
        || !second_ok
        || label_w.n_classes() != labels.len()
    {
        return Err("weight tables do not match the tag or label lists".into());
    }
    if r.at != body.len() {
        return Err("trailing bytes after the weights".into());
    }
    Ok(SyntaxModel {
        tagger,
        lemmas,
        morph,
        parser: Parser::new(actions, label_w, labels),
    })
}
