/* Marks the sidebar outline entry of the section being read. */
export function trackOutline() {
  const links = Array.prototype.slice.call(document.querySelectorAll(".sidebar .outline a[href^='#']"));
  if (links.length === 0 || !("IntersectionObserver" in window)) return;
  const byId = new Map();
  links.forEach((link) => {
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) byId.set(target, link);
  });
  const visible = new Set();
  const observer = new IntersectionObserver(
    (entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
      });
      let current = null;
      byId.forEach((link, heading) => {
        if (current === null && visible.has(heading)) current = link;
      });
      if (current) links.forEach((link) => link.classList.toggle("active", link === current));
    },
    { rootMargin: "0px 0px -60% 0px" },
  );
  byId.forEach((_link, heading) => observer.observe(heading));
}
