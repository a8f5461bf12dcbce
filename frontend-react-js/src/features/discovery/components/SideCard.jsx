import './SideCard.css';

export function SideCard({ title, children }) {
  const id = `side-card-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="side-card" aria-labelledby={id}>
      <h2 id={id} className="side-card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
